"""Who may see an order, and whose eyes a buyer's contact details (name, phone, address, landmark) reach.

This is the one place that decides it: every read (GET /api/vendor/orders, GET /api/orders/<id>) and every
patch entry (queries.py) asks these functions, so a new role only adds an account kind here.

ACCOUNTS (a mapping with `kind` and the fields that kind has)
  vendor   one stall: {kind, id, stall_id, market_id}; its app is the stall app
  staff    one market's cooperative: {kind, id, market_id}
  courier  a cooperative's courier: {kind, id, market_id}; sees the orders assigned to it
  office   the city's market office: {kind, id}; sees orders, never a buyer
  buyer    whoever holds an order's secret: {kind: "buyer", order_id}

CONTACT RULE
  the buyer holding the order's secret      name, phone, address, landmark
  staff of the order's market cooperative   name, phone, address, landmark
  the courier assigned to the order         name, phone, address, landmark, until the delivery is closed
                                            (delivered, cancelled or rejected); nothing after
  a stall with lines in the order           method `stall` (the stall itself delivers): name, phone,
                                            address, landmark; `pickup`: name and phone;
                                            `coop_courier`, `ojek`: nothing
  the office, any other account, no account nothing

`order` is an orders row (or a dict with the same keys: order_id, market_id, delivery_method, status,
courier_account_id); `stall_ids` is the set of stalls with lines in it.
"""

CONTACT_ALL = ("name", "phone", "address", "landmark")
CONTACT_NAME_PHONE = ("name", "phone")
CONTACT_NONE = ()
DELIVERY_CLOSED_STATES = ("delivered", "cancelled", "rejected")
ROLES = ("vendor", "staff", "courier", "office", "buyer")


def _courier_of(order):
    try:
        return order["courier_account_id"]
    except (KeyError, IndexError):
        return None


def may_see_order(account, order, stall_ids) -> bool:
    """Whether the account may read the order at all (its lines, states and money)."""
    if not account:
        return False
    kind = account["kind"]
    if kind == "buyer":
        return account["order_id"] == order["order_id"]
    if kind == "vendor":
        return account["stall_id"] in stall_ids
    if kind == "staff":
        return account["market_id"] == order["market_id"]
    if kind == "courier":
        courier = _courier_of(order)
        return courier is not None and courier == account["id"]
    if kind == "office":
        return True
    return False


def contact_fields(account, order, stall_ids) -> tuple:
    """The buyer's contact fields this account may see in this order: CONTACT_ALL, CONTACT_NAME_PHONE or
    CONTACT_NONE (see CONTACT RULE above)."""
    if not may_see_order(account, order, stall_ids):
        return CONTACT_NONE
    kind = account["kind"]
    if kind in ("buyer", "staff"):
        return CONTACT_ALL
    if kind == "courier":
        return CONTACT_NONE if order["status"] in DELIVERY_CLOSED_STATES else CONTACT_ALL
    if kind == "vendor":
        method = order["delivery_method"]
        if method == "stall":
            return CONTACT_ALL
        if method == "pickup":
            return CONTACT_NAME_PHONE
    return CONTACT_NONE


def may_see_contact(account, order, stall_ids) -> bool:
    """Whether the account may see any of the buyer's contact details in this order."""
    return bool(contact_fields(account, order, stall_ids))


def buyer_json(account, order, stall_ids):
    """The `buyer` object of an order view for this account: only the fields it may see, or None."""
    fields = contact_fields(account, order, stall_ids)
    if not fields:
        return None
    values = {"name": order["buyer_name"], "phone": order["buyer_phone"], "address": order["buyer_address"],
              "landmark": order["buyer_landmark"]}
    return {name: values[name] for name in fields}
