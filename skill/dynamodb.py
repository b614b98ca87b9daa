"""Visit data in DynamoDB, for the Lambda function.

``dynamodb_adapter(table_name)`` returns an ASK SDK persistence adapter
(``AbstractPersistenceAdapter``) that talks to DynamoDB through a plain
botocore client.  It stores items in the layout of the SDK's own
``ask-sdk-dynamodb-persistence-adapter`` - partition key ``id`` (the Alexa user
id) and the record as a map under ``attributes`` - so a table written by one
can be read by the other (``tests/test_dynamodb.py`` checks this).

Why not that package itself:

* It evaluates ``boto3.resource("dynamodb")`` as a default argument when it is
  imported: without a region that raises, and with one it builds a client and
  resolves credentials at import - a network call to the credentials endpoint
  during the Lambda init phase that SnapStart snapshots.
* It works through boto3's resource layer.  On a cold start that layer alone
  costs about 33 ms to import and 84 ms to create (measured on the build
  machine), which kept our cold start with a table at 0.93 of the naive
  ``StandardSkillBuilder`` pattern; ``make bench`` targets 0.8 or less.
  The skill stores four scalar fields, which need no resource layer.

Building the adapter opens no connection and resolves no credentials: DynamoDB's
service and endpoint-rule models are loaded into a botocore session at init
(``warm_session``), so that SnapStart snapshots them, and the client is created
on the first request.  The table is never created at run time; the SAM template
owns it.  Faults are raised as the SDK's ``PersistenceException``;
``skill.persistence`` catches them and answers as for a new user.

The endpoint comes from botocore's configuration, which honours
``AWS_ENDPOINT_URL_DYNAMODB`` (and ``AWS_ENDPOINT_URL``): the tests point it at
a local moto server that way.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Any

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from ask_sdk_core.exceptions import PersistenceException

from skill.persistence import user_key

if TYPE_CHECKING:
    from ask_sdk_model import RequestEnvelope
    from botocore.config import Config

#: Partition key of the table (must match template.yaml) and the attribute holding the record,
#: as in ask-sdk-dynamodb-persistence-adapter.
PARTITION_KEY = "id"
ATTRIBUTE_NAME = "attributes"

#: Alexa waits 8 s for an answer, and the function gives up at 7 s (template.yaml).
#: The read and the write both happen on a session's first request (the write is
#: skipped when the read failed), so each call must stay under about 3 s:
#: at most ``TOTAL_ATTEMPTS`` = 2 HTTP attempts (one retry; botocore's
#: ``max_attempts`` would count *retries*, so ``max_attempts: 2`` means three
#: attempts), each bounded by 0.5 s to connect and 1 s per read, with standard-mode
#: backoff before the retry of at most 25 ms (1 s after throttling, whose answer
#: itself is immediate).  Worst case per call about 2 x 1.5 s = 3 s, both calls
#: about 6 s: inside 7 s.  DynamoDB answers GetItem/PutItem in milliseconds from
#: inside the region, so the limits only bound outages, never normal latency.
CONNECT_TIMEOUT = 0.5
READ_TIMEOUT = 1.0
TOTAL_ATTEMPTS = 2
#: Worst time one call can take (used by the tests and the template's timeout check).
WORST_CALL_SECONDS = TOTAL_ATTEMPTS * (CONNECT_TIMEOUT + READ_TIMEOUT) + 0.1


def client_config() -> Config:
    """The botocore configuration of the DynamoDB client."""
    from botocore.config import Config

    return Config(
        connect_timeout=CONNECT_TIMEOUT,
        read_timeout=READ_TIMEOUT,
        retries={"total_max_attempts": TOTAL_ATTEMPTS, "mode": "standard"},
    )


def warm_session() -> Any:
    """A botocore session with DynamoDB's models already loaded - and no client, no credentials.

    Loading the data files a client needs (the DynamoDB service and endpoint-rule
    models, botocore's endpoint and partition tables, its default configuration
    and retry rules) is most of the cost of the first client; doing it here, at
    init, puts it in the SnapStart snapshot.  The loader caches what it loads, so
    the client created on the first request reads none of it again.
    """
    import botocore.session

    session = botocore.session.get_session()
    loader = session.get_component("data_loader")
    model = session.get_service_model("dynamodb")
    loader.load_service_model("dynamodb", "endpoint-rule-set-1", model.api_version)
    for name in ("endpoints", "partitions", "sdk-default-configuration", "_retry"):
        loader.load_data(name)
    return session


def to_attribute_value(value: Any) -> dict[str, Any]:
    """A visit-record value as a DynamoDB attribute value (the types the record uses)."""
    if isinstance(value, bool):  # before int: bool is an int
        return {"BOOL": value}
    if isinstance(value, int | float):
        return {"N": str(value)}
    if isinstance(value, str):
        return {"S": value}
    if value is None:
        return {"NULL": True}
    if isinstance(value, dict):
        return {"M": {str(k): to_attribute_value(v) for k, v in value.items()}}
    raise TypeError(f"cannot store {type(value).__name__} in a visit record")


def from_attribute_value(attribute: dict[str, Any]) -> Any:
    """The inverse of :func:`to_attribute_value`, and lenient: it never fails on stored data.

    A list reads as a list; the types a record never has (sets, binary) read as the attribute
    value itself (a dict).  Either way ``skill.persistence.parse_visit`` then finds the record
    invalid, and the next visit replaces it, instead of every read failing for that user.
    """
    (kind, value), *_ = attribute.items()
    if kind == "N":
        number = str(value)
        return int(number) if number.lstrip("-").isdigit() else float(number)
    if kind == "M":
        return {k: from_attribute_value(v) for k, v in value.items()}
    if kind == "L":
        return [from_attribute_value(v) for v in value]
    if kind == "NULL":
        return None
    if kind in {"S", "BOOL"}:
        return value
    return dict(attribute)


class DynamoDbVisitAdapter(AbstractPersistenceAdapter):
    """Reads and writes one user's visit record; the client is created on first use.

    Thread-safe: one client (and its connection pool) per adapter.
    """

    def __init__(self, table_name: str, session: Any = None) -> None:
        if not table_name:
            raise ValueError("a DynamoDB table name is required")
        self.table_name = table_name
        self._session = session if session is not None else warm_session()
        self._client: Any = None
        self._lock = threading.Lock()

    def client(self) -> Any:
        """The botocore DynamoDB client (created, and credentials resolved, on first call)."""
        if self._client is None:
            with self._lock:
                if self._client is None:
                    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
                    self._client = self._session.create_client(
                        "dynamodb", region_name=region or None, config=client_config()
                    )
        return self._client

    def _key(self, request_envelope: RequestEnvelope) -> dict[str, Any]:
        return {PARTITION_KEY: {"S": user_key(request_envelope)}}

    def get_attributes(self, request_envelope: RequestEnvelope) -> dict[str, Any]:
        try:
            response = self.client().get_item(
                TableName=self.table_name, Key=self._key(request_envelope), ConsistentRead=True
            )
        except Exception as error:
            raise PersistenceException(f"GetItem on {self.table_name} failed: {error}") from error
        stored = response.get("Item", {}).get(ATTRIBUTE_NAME)
        record = from_attribute_value(stored) if stored else {}
        return record if isinstance(record, dict) else {}

    def save_attributes(
        self, request_envelope: RequestEnvelope, attributes: dict[str, Any]
    ) -> None:
        item = {**self._key(request_envelope), ATTRIBUTE_NAME: to_attribute_value(attributes)}
        try:
            self.client().put_item(TableName=self.table_name, Item=item)
        except Exception as error:
            raise PersistenceException(f"PutItem on {self.table_name} failed: {error}") from error

    def delete_attributes(self, request_envelope: RequestEnvelope) -> None:
        try:
            self.client().delete_item(TableName=self.table_name, Key=self._key(request_envelope))
        except Exception as error:
            raise PersistenceException(
                f"DeleteItem on {self.table_name} failed: {error}"
            ) from error


def dynamodb_adapter(table_name: str) -> AbstractPersistenceAdapter:
    """The visit store for ``table_name``; opens no connection until first used."""
    return DynamoDbVisitAdapter(table_name)
