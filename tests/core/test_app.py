from fastapi.testclient import TestClient

from service.app import create_app


def test_healthz_is_ok_once_started(settings, engine) -> None:  # type: ignore[no-untyped-def]
    app = create_app(settings)
    with TestClient(app) as client:
        r = client.get("/healthz")
    assert r.status_code == 200
    assert r.json() == {"status": "ok"}


def test_healthz_is_503_until_the_service_is_ready(settings, engine) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(create_app(settings))  # not entered: the lifespan (start-up) has not run
    r = client.get("/healthz")
    assert r.status_code == 503 and r.json() == {"status": "starting"}
