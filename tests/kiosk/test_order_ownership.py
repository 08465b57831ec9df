"""`kiosk/core/orders.py` is the only code that writes an `Order` row.

An AST walk over the booth's packages: outside orders.py, no `Order(...)` is built, no
SQL update or insert targets `Order` / the orders table, and no field of an order is
assigned (or `setattr`) on a name bound from an expression that names `Order`
(`db.get(Order, id)`, a loop over `select(Order)`...).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from kiosk.core.models import Order

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("kiosk", "sync", "printing", "ui")
OWNER = ROOT / "kiosk" / "core" / "orders.py"
FIELDS = frozenset(Order.model_fields)
RAW_SQL = re.compile(r"\b(UPDATE|INSERT\s+INTO|DELETE\s+FROM)\s+orders\b", re.IGNORECASE)


def _names_order(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Name) and n.id == "Order" for n in ast.walk(node))


def _bound_names(target: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}


def order_writes(source: str, filename: str) -> list[str]:
    """Where `source` writes an order, as "file:line what"."""
    tree = ast.parse(source, filename)
    rows: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and _names_order(node.value):
            for target in node.targets:
                rows |= _bound_names(target)
        elif isinstance(node, (ast.For, ast.comprehension)) and _names_order(node.iter):
            rows |= _bound_names(node.target)
        elif isinstance(node, ast.withitem) and node.optional_vars is not None \
                and _names_order(node.context_expr):
            rows |= _bound_names(node.optional_vars)
    found: list[str] = []
    for node in ast.walk(tree):
        where = f"{filename}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, (ast.Store, ast.Del)) \
                and node.attr in FIELDS and isinstance(node.value, ast.Name) \
                and node.value.id in rows:
            found.append(f"{where} assigns {node.value.id}.{node.attr}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "Order":
                found.append(f"{where} builds Order(...)")
            elif node.func.id in {"update", "insert", "delete"} and node.args \
                    and _names_order(node.args[0]):
                found.append(f"{where} {node.func.id}(Order)")
            elif node.func.id == "setattr" and node.args \
                    and _bound_names(node.args[0]) & rows:
                found.append(f"{where} setattr on an order")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and RAW_SQL.search(node.value):
            found.append(f"{where} raw SQL writes orders")
    return found


def test_only_the_orders_module_writes_an_order() -> None:
    found = [hit for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))
             if path != OWNER
             for hit in order_writes(path.read_text(), str(path.relative_to(ROOT)))]
    assert found == []


def test_the_walk_sees_each_way_of_writing_an_order() -> None:
    """The check itself: each of these would be a second owner."""
    source = '''
order = db.get(Order, order_id)
order.payment_status = "paid"
for row in db.exec(select(Order)):
    setattr(row, "copies", 3)
with reading(Order) as held:
    held.expires_at = 0
db.add(Order(id="x"))
db.exec(update(Order).values(copies=1))
db.execute(text("UPDATE orders SET copies = 1"))
session.print_file = "not an order: a session row"
'''
    assert sorted(hit.split(" ", 1)[1] for hit in order_writes(source, "example.py")) == [
        "assigns held.expires_at", "assigns order.payment_status", "builds Order(...)",
        "raw SQL writes orders", "setattr on an order", "update(Order)"]
