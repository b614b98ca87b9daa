"""A DynamoDB-compatible server on 127.0.0.1 for the tests: moto in server mode.

Import the fixtures into a test module (``from tests.dynamo_server import
dynamo_server, aws_env  # noqa: F401``).  ``dynamo_server`` is started once per
test session on a free port, with the table created the way template.yaml
declares it; ``aws_env`` points boto3 at it through the environment only
(``AWS_ENDPOINT_URL_DYNAMODB``), exactly as the skill would be configured.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

REGION = "us-east-1"
FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
}


@dataclass
class DynamoServer:
    """A running moto server and one table made for this test session."""

    server: Any
    endpoint: str
    table_name: str

    def client(self) -> Any:
        """A plain boto3 client on the server (explicit settings, no environment)."""
        import boto3

        return boto3.client(
            "dynamodb",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )

    def stop(self) -> None:
        """Stop serving and close the listening socket: connections are refused."""
        self.server.stop()
        if self.server._server is not None:
            self.server._server.server_close()


def create_table(client: Any, table_name: str) -> None:
    """The table as template.yaml declares it: key ``id`` (string), on demand."""
    client.create_table(
        TableName=table_name,
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        BillingMode="PAY_PER_REQUEST",
    )


def _one_at_a_time(app: Any) -> Any:
    """``app`` answering one request at a time.  DynamoDB applies each UpdateItem to an item
    atomically; moto's in-memory backend does not lock, so under load two concurrent updates
    can lose one (seen: 195 of 200 visits with the machine busy).  Serialising the requests
    gives the tests DynamoDB's semantics; connections are still accepted concurrently."""
    lock = threading.Lock()

    def locked(environ: Any, start_response: Any) -> Any:
        with lock:
            return list(app(environ, start_response))

    return locked


def start_server() -> DynamoServer:
    """Start a moto server on a free port with a fresh table."""
    from moto.moto_server.werkzeug_app import (
        DomainDispatcherApplication,
        MotoRequestHandler,
        create_backend_app,
    )
    from moto.server import ThreadedMotoServer
    from werkzeug.serving import make_server

    class AtomicMotoServer(ThreadedMotoServer):  # type: ignore[misc]
        def _server_entry(self) -> None:
            app = _one_at_a_time(DomainDispatcherApplication(create_backend_app))
            self._server = make_server(
                self._ip_address, self._port, app, True, request_handler=MotoRequestHandler
            )
            self._server_ready_event.set()
            self._server.serve_forever()

    server = AtomicMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    running = DynamoServer(server, f"http://{host}:{port}", f"visits-{uuid.uuid4().hex[:8]}")
    create_table(running.client(), running.table_name)
    return running


@pytest.fixture(scope="session")
def dynamo_server() -> Iterator[DynamoServer]:
    running = start_server()
    try:
        yield running
    finally:
        running.stop()


def set_aws_env(monkeypatch: pytest.MonkeyPatch, endpoint: str) -> None:
    """Configure boto3 the way Lambda does (region, credentials) plus the local endpoint."""
    for name, value in FAKE_CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("AWS_REGION", REGION)
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", endpoint)
    # Never read the developer's own AWS configuration.
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent/aws-config")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials")
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)


@pytest.fixture
def aws_env(monkeypatch: pytest.MonkeyPatch, dynamo_server: DynamoServer) -> DynamoServer:
    set_aws_env(monkeypatch, dynamo_server.endpoint)
    return dynamo_server
