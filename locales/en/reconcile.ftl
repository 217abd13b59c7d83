# Messages are HTML (parse_mode HTML): variables are escaped by the code.

## Operator alerts about money (to ADMIN_IDS)
admin-unmatched-payment =
    ⚠️ Payment not matched to its order: nothing was ordered
    Payload: <code>{ $payload }</code>
    User: <code>{ $user }</code>
    Amount: { $price }
    Charge: <code>{ $charge }</code>
    Reason: { $reason }
    { $automatic ->
        [yes] The Stars are being refunded automatically.
       *[no] Please refund it by hand.
    }
admin-order-reconciling =
    ⏳ Order unresolved at its deadline
    Order: <code>{ $order }</code>
    User: <code>{ $user }</code>
    Amount: { $price }
    Last error: { $reason }
    The provider's answer is unknown: the shop keeps looking the order up and will deliver it late, refund it when the provider says it does not exist, or hand it to you.
admin-order-handed-over =
    🆘 Order needs you: the provider's answer stayed unknown
    Order: <code>{ $order }</code>
    User: <code>{ $user }</code>
    Amount: { $price }
    Reason: { $reason }
    Check the provider for external_order_id <code>{ $order }</code>, then deliver the eSIM or refund the payment.
admin-refund-failed =
    ⚠️ Telegram refused a refund
    Order: <code>{ $order }</code>
    User: <code>{ $user }</code>
    Amount: { $price }
    Charge: <code>{ $charge }</code>
    Error: { $reason }
    Please settle it by hand.
admin-refund-elsewhere =
    ℹ️ A refund made outside the shop was recorded (from Telegram's Star ledger)
    Order: <code>{ $order }</code> ({ $status })
    User: <code>{ $user }</code>
    Amount: { $price }
    Charge: <code>{ $charge }</code>
