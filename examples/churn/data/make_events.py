"""Generates churn_events.csv and usage_snapshots.csv deterministically.

Each churn event is the day a customer's renewal was decided; the usage table has one snapshot
per customer per week, and keeps going after the event: a customer who left logs in no more.
"""
import csv
import datetime
import random
from pathlib import Path

HERE = Path(__file__).parent
FIRST_WEEK = datetime.date(2024, 1, 1)
WEEKS = 35


def main(customers: int = 200, seed: int = 11) -> None:
    rng = random.Random(seed)
    with (HERE / "customers.csv").open() as handle:
        churned = {row["customer_id"]: row["churned"] == "1" for row in csv.DictReader(handle)}
    ids = sorted(churned)[:customers]
    events = []
    for customer in ids:
        decided = datetime.date(2024, 3, 1) + datetime.timedelta(days=rng.randint(0, 120))
        events.append({"customer_id": customer, "event_time": decided.isoformat(), "churned": int(churned[customer])})
    with (HERE / "churn_events.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["customer_id", "event_time", "churned"])
        writer.writeheader()
        writer.writerows(events)
    with (HERE / "usage_snapshots.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["customer_id", "snapshot_date", "weekly_logins"])
        writer.writeheader()
        for event in events:
            decided = datetime.date.fromisoformat(event["event_time"])
            usual = rng.randint(2, 12)
            for week in range(WEEKS):
                day = FIRST_WEEK + datetime.timedelta(weeks=week)
                gone = event["churned"] and day > decided
                logins = 0 if gone else max(0, usual + rng.randint(-2, 2))
                writer.writerow({"customer_id": event["customer_id"], "snapshot_date": day.isoformat(), "weekly_logins": logins})


if __name__ == "__main__":
    main()
