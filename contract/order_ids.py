"""The order-id rule: the booth makes ids that follow it, the backend refuses others."""

ORDER_ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
ORDER_ID_RULE = "order_id must be 1 to 64 characters of A-Z, a-z, 0-9, '_' or '-'"
