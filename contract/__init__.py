"""The vocabulary the booth and the backend share: nothing but what the HTTP contract says.

Both sides import this package and nothing of each other (see the import contracts in
pyproject.toml): payment statuses, money units, the order-id rule, the kiosk API's models
and the retry Backoff both sides use live here once.
"""
