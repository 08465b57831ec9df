"""The booth's core: what a booth is and decides, with no Qt and no adapter behind it."""
