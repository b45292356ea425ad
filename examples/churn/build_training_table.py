"""Builds the churn training table: each churn event with the customer's latest usage features."""
import os

import pandas as pd

EVENTS = "data/churn_events.csv"
SNAPSHOTS = "data/usage_snapshots.csv"
TABLE = os.path.join("artifacts", "training_table.csv")


def main() -> None:
    events = pd.read_csv(EVENTS, parse_dates=["event_time"])
    usage = pd.read_csv(SNAPSHOTS, parse_dates=["snapshot_date"])
    table = events.merge(usage, on="customer_id", how="left")
    table = table.sort_values("snapshot_date").drop_duplicates("customer_id", keep="last")
    os.makedirs("artifacts", exist_ok=True)
    table.to_csv(TABLE, index=False)
    future = int((table["snapshot_date"] > table["event_time"]).sum())
    print(f"{len(table)} events; {future} with usage features from after the event; saved to {TABLE}")


if __name__ == "__main__":
    main()
