# Messages are HTML (parse_mode HTML): variables are escaped by the code.

## Refunds and orders still being reconciled
payment-unmatched-refunding = We could not match your payment to your order, so nothing was ordered and your payment is being refunded automatically. Please start again with /buy.
payment-unmatched-manual = We could not match your payment to your order, so nothing was ordered. Our team will refund it shortly; please start again with /buy.
refund-unmatched-done = ↩️ Your payment of { $price } could not be matched to an order and has been refunded.
delivery-reconciling = ⏳ Our provider has not confirmed your eSIM ({ $plan }) yet. We are sorting it out with them: you will get the eSIM here as soon as it is confirmed, or your { $price } back if it cannot be. You don't need to do anything.
topup-reconciling = ⏳ Our provider has not confirmed your top-up ({ $plan }) yet. We are sorting it out with them: you will get a confirmation here as soon as it is applied, or your { $price } back if it cannot be. You don't need to do anything.
delivery-handed-to-operator = 🧑‍💼 We still could not confirm your eSIM ({ $plan }) with our provider, so our team has taken it over. They will sort it out personally: the eSIM, or your { $price } back.
topup-handed-to-operator = 🧑‍💼 We still could not confirm your top-up ({ $plan }) with our provider, so our team has taken it over. They will sort it out personally: the top-up, or your { $price } back.
