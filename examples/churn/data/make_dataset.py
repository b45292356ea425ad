"""Generates the churn dataset (customers.csv) deterministically. Run once; the CSV is versioned with DVC."""
import csv
import random
from pathlib import Path

FIELDS = ["customer_id", "tenure_months", "monthly_charges", "income", "contract", "support_calls", "churned"]


def main(rows: int = 2000, seed: int = 7) -> None:
    rng = random.Random(seed)
    out = Path(__file__).with_name("customers.csv")
    with out.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        for i in range(rows):
            tenure = rng.randint(1, 72)
            charges = round(rng.uniform(18.0, 120.0), 2)
            income = "" if rng.random() < 0.15 else round(rng.lognormvariate(10.8, 0.4), 2)
            contract = rng.choice(["month-to-month", "one-year", "two-year"])
            calls = rng.choices([0, 1, 2, 3, 4, 5], weights=[30, 25, 20, 12, 8, 5])[0]
            score = 1.8 - 0.05 * tenure + 0.02 * charges + 0.45 * calls
            score += {"month-to-month": 0.9, "one-year": -0.2, "two-year": -1.1}[contract]
            score += 0.0 if income == "" else -0.00001 * float(income)
            churned = 1 if rng.random() < 1 / (1 + pow(2.718281828, -score + 1.5)) else 0
            writer.writerow(
                {
                    "customer_id": f"c{i:05d}",
                    "tenure_months": tenure,
                    "monthly_charges": charges,
                    "income": income,
                    "contract": contract,
                    "support_calls": calls,
                    "churned": churned,
                }
            )


if __name__ == "__main__":
    main()
