"""Searches the churn model's regularisation: one nested MLflow run per candidate.

Needs the MLflow client (`pip install mlflow`); point MLFLOW_TRACKING_URI at the daemon.
"""
import mlflow
import pandas as pd
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import ParameterGrid, train_test_split
from sklearn.preprocessing import StandardScaler

from features import CONTRACT_CODES, FEATURES, TARGET

DATA = "data/customers.csv"
SEED = 7
EPOCHS = 50
GRID = {"alpha": [1e-4, 1e-3, 1e-2], "penalty": ["l2", "l1", "elasticnet"]}


def main() -> None:
    df = pd.read_csv(DATA)
    df["income"] = df["income"].fillna(0)
    df["contract"] = df["contract"].map(CONTRACT_CODES)
    X_train, X_val, y_train, y_val = train_test_split(df[FEATURES], df[TARGET], test_size=0.2, random_state=SEED)
    scaler = StandardScaler().fit(X_train)
    X_train, X_val = scaler.transform(X_train), scaler.transform(X_val)
    mlflow.set_experiment("churn-tuning")
    with mlflow.start_run():
        mlflow.log_input(mlflow.data.from_pandas(df, source=DATA), context="training")
        for params in ParameterGrid(GRID):
            with mlflow.start_run(nested=True):
                mlflow.log_params(params)
                model = SGDClassifier(loss="log_loss", random_state=SEED, **params)
                for epoch in range(EPOCHS):
                    model.partial_fit(X_train, y_train, classes=[0, 1])
                    mlflow.log_metric("val_auc", roc_auc_score(y_val, model.predict_proba(X_val)[:, 1]), step=epoch)


if __name__ == "__main__":
    main()
