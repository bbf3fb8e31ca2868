from fastapi import FastAPI

app = FastAPI()


@app.get("/healthz")
def healthz() -> dict:
    return {"ok": True}


@app.get("/products")
def products() -> list:
    return [{"id": 1, "name": "rope", "price": 12.5}, {"id": 2, "name": "anchor", "price": 80}]
