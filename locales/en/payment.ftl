# Messages are HTML (parse_mode HTML): variables are escaped by the code.

## Payment
precheckout-unknown-order = This invoice is not valid any more. Please start again with /buy.
precheckout-wrong-user = This invoice belongs to someone else. Send /buy to get your own.
precheckout-already-paid = This order is already paid. Your eSIM is on its way in the chat.
precheckout-not-sold = This plan is no longer sold. Please choose another with /buy.
precheckout-price-changed = The price of this plan has changed. Please start again with /buy to see the new price.
payment-received = ✅ Payment received. Preparing your eSIM — it usually takes under a minute.
payment-duplicate-refunded = You paid twice for order { $order }. The second payment of { $price } has been refunded.
payment-duplicate-manual = You paid twice for order { $order }. We will refund the second payment of { $price } shortly.
payment-unknown-order-refunded = We could not match your payment to an order, so it has been refunded. Please start again with /buy.
payment-unknown-order-manual = We could not match your payment to an order. We will refund it shortly; please start again with /buy.
