"""Trains the churn model and logs the run to the tracking server (MLFLOW_TRACKING_URI)."""
import os

import joblib
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

from features import CONTRACT_CODES, FEATURES, TARGET
from tracking import tracked_run

DATA = "data/customers.csv"
ARTIFACTS = "artifacts"
MODEL_PATH = os.path.join(ARTIFACTS, "model.joblib")


def main() -> None:
    raw = pd.read_csv(DATA)
    df = raw.copy()
    df["income"] = df["income"].fillna(0)
    df["contract"] = df["contract"].map(CONTRACT_CODES)

    X_train, X_test, y_train, y_test = train_test_split(df[FEATURES], df[TARGET], test_size=0.2)
    scaler = StandardScaler()
    scaler.fit(X_train)
    model = LogisticRegression(max_iter=1000)
    model.fit(scaler.transform(X_train), y_train)
    offline = model.predict_proba(scaler.transform(X_test))[:, 1]
    auc = roc_auc_score(y_test, offline)

    os.makedirs(ARTIFACTS, exist_ok=True)
    joblib.dump(model, MODEL_PATH)
    # Held-out customers as the service receives them, with the offline pipeline's predictions.
    holdout = raw.loc[X_test.index, FEATURES].assign(offline_probability=offline)
    holdout.to_csv(os.path.join(ARTIFACTS, "holdout.csv"), index=False)

    with tracked_run("churn") as run:
        run.log_params({"model": "LogisticRegression", "max_iter": 1000, "features": ",".join(FEATURES)})
        run.log_metric("test_auc", auc)
        run.log_artifact(MODEL_PATH)
    print(f"test AUC {auc:.3f}; model saved to {MODEL_PATH}")


if __name__ == "__main__":
    main()
