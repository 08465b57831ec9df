"""`kiosk demo --autopilot`: a scripted customer on the real window, and the phone that pays.

Entry-point layer: it wires the backend, a private cupsd, the booth and its window, then
taps the window's widgets, reads the payment QR from the rendered pixels and pays on the
sandbox page over loopback HTTP, counting what CUPS printed for which order.
"""
