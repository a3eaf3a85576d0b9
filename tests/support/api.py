"""Calling the JSON API as a trainer from tests."""
from __future__ import annotations


class ApiTrainer:
    """A trainer with a token, and a few helpers to call the API as them."""

    def __init__(self, http, trainer_id: int, token: str):
        self.http = http
        self.id = trainer_id
        self.token = token
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, path, **kw):
        return self.http.get(path, headers=self.headers, **kw)

    def post(self, path, json=None, **kw):
        return self.http.post(path, json=json, headers=self.headers, **kw)

    def patch(self, path, json=None, **kw):
        return self.http.patch(path, json=json, headers=self.headers, **kw)

    def create_client(self, **fields) -> dict:
        body = {"name": "Ada Lovelace", "phone": "+14155552671", "timezone": "America/New_York",
                "reminder_time": "07:30", "training_days": ["mon", "wed", "fri"], "sms_consent": True} | fields
        response = self.post("/api/v1/clients", json=body)
        assert response.status_code == 201, response.get_json()
        return response.get_json()
