"""bench/bench_printing.py still imports the fault printer from here; it lives in printing/."""

from printing.fault_printer import FAULT_BACKEND, FaultPrinter

__all__ = ["FAULT_BACKEND", "FaultPrinter"]
