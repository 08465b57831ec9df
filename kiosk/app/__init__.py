"""Entry points and the composition root: the only code that knows every part of the booth."""
