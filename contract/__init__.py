"""The vocabulary the booth and the backend share: nothing but what the HTTP contract says.

Both sides import this package and nothing of each other (see the import contracts in
pyproject.toml): payment statuses, money units and the order-id rule live here once.
"""
