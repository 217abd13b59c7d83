# Messages are HTML (parse_mode HTML): variables are escaped by the code.

## Plan picker and one-line requests
buy-plans =
    { $flag } <b>{ $destination }</b>

    📶 Choose a plan: data · days · price. Validity starts at first connection.
buy-plans-best =
    { $flag } <b>{ $destination }</b>

    📶 Choose a plan: data · days · price. Validity starts at first connection.
    💎 marks the best value per GB.
buy-plan-option = { $data } · { $days ->
        [one] { $days } day
       *[other] { $days } days
    } · { $price }
buy-best-mark = 💎
buy-steps-button = 🪜 Step by step: data, then days
buy-days = { $days ->
        [one] { $days } day
       *[other] { $days } days
    }
buy-nearest = 🔎 No plan has exactly { $wish }: this is the nearest match.
buy-wish-where = 🌍 Where do you need { $wish }? Type the country, or pick one below.
