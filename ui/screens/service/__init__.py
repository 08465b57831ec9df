"""The technician's service menu: one module per page (see `screen.ServiceScreen`)."""

from ui.screens.service.screen import ServiceScreen

__all__ = ["ServiceScreen"]
