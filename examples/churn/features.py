"""Feature definitions shared by training and serving."""

FEATURES = ["tenure_months", "monthly_charges", "income", "contract", "support_calls"]
CONTRACT_CODES = {"month-to-month": 0, "one-year": 1, "two-year": 2}
TARGET = "churned"
