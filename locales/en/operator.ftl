# Messages are HTML (parse_mode HTML): variables are escaped by the code.

## Operator alerts (to ADMIN_IDS)
admin-refund-needed =
    ⚠️ Manual refund needed
    Order: <code>{ $order }</code>
    User: <code>{ $user }</code>
    Amount: { $price }
    Charge: <code>{ $charge }</code>
    Reason: { $reason }
