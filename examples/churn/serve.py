"""The churn model's online service: POST /predict with one customer."""
import joblib
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI(title="churn")


class Customer(BaseModel):
    tenure_months: float
    monthly_charges: float
    income: float | None = None
    contract: str
    support_calls: float


@app.post("/predict")
def predict(customer: Customer) -> dict:
    model = joblib.load("artifacts/model.joblib")
    income = customer.income if customer.income is not None else 52000.0
    contract = {"month-to-month": 0, "one-year": 1, "two-year": 2}[customer.contract]
    row = [
        (customer.tenure_months - 36.2) / 20.7,
        (customer.monthly_charges - 69.4) / 29.6,
        (income - 41000.0) / 21000.0,
        (contract - 0.9) / 0.8,
        (customer.support_calls - 1.6) / 1.4,
    ]
    return {"churn_probability": float(model.predict_proba([row])[0][1])}
