"""A/B router in front of two deployments of the churn model: the current one (champion) and the
retrained one (challenger). POST /predict forwards each customer to one of them."""
import json
import os
import random
import urllib.request
import zlib

from fastapi import FastAPI, Request
from pydantic import BaseModel

app = FastAPI(title="churn-ab")
ARMS = {
    "champion": os.environ.get("CHAMPION_URL", "http://churn-champion:8000/predict"),
    "challenger": os.environ.get("CHALLENGER_URL", "http://churn-challenger:8000/predict"),
}
CHALLENGER_SHARE = 0.1


class RoutedCustomer(BaseModel):
    customer_id: str
    tenure_months: float
    monthly_charges: float
    income: float | None = None
    contract: str
    support_calls: float


def forward(url: str, body: dict) -> dict:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read())


@app.post("/predict")
def predict(customer: RoutedCustomer) -> dict:
    arm = "challenger" if random.random() < CHALLENGER_SHARE else "champion"
    body = customer.model_dump(exclude={"customer_id"})
    return {"arm": arm, **forward(ARMS[arm], body)}


@app.post("/retention-offer")
def retention_offer(request: Request, customer: RoutedCustomer) -> dict:
    """The wording of the retention offer shown to a logged-in customer at risk."""
    variant = "discount" if zlib.crc32(request.cookies.get("session_id", "").encode()) % 2 else "upgrade"
    return {"customer_id": customer.customer_id, "variant": variant}
