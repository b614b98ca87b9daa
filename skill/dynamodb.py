"""Visit data in DynamoDB, for the Lambda function.

``dynamodb_adapter(table_name)`` returns the ASK SDK's own ``DynamoDbAdapter``
(from ``ask-sdk-dynamodb-persistence-adapter``) behind a thin lazy wrapper:

* Building it opens no connection and resolves no credentials.  The skill is
  built at import (the Lambda init phase, snapshotted by SnapStart), and a
  boto3 client resolves credentials when it is created - from the container
  credentials endpoint under SnapStart, or the instance metadata service when
  nothing else is configured.  So the boto3 resource is created on the first
  request that needs it, and reused afterwards.
* ``ask_sdk_dynamodb.adapter`` evaluates ``boto3.resource("dynamodb")`` as a
  default argument when it is imported: that fails without a region and
  creates a client (credentials included) at import.  We always pass our own
  resource, so that default is never used; it is replaced by ``None`` while
  the module is imported (see ``_adapter_class``).
* The table is never created at run time (``create_table=False``); the SAM
  template owns it.  Key ``id`` (string), the record under ``attributes``.
* Timeouts fit Alexa's 8 second budget (see ``CONNECT_TIMEOUT``).  Faults are
  raised as the SDK's ``PersistenceException``; ``skill.persistence`` catches
  them and answers as for a new user.

The endpoint comes from botocore's configuration, which honours
``AWS_ENDPOINT_URL_DYNAMODB`` (and ``AWS_ENDPOINT_URL``): the tests point it at
a local moto server that way.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Any

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter

if TYPE_CHECKING:
    from ask_sdk_model import RequestEnvelope
    from botocore.config import Config

#: Partition key of the table (must match template.yaml) and the attribute holding the record.
PARTITION_KEY = "id"
ATTRIBUTE_NAME = "attributes"

#: Alexa waits 8 s for an answer.  Reads and writes happen on a session's first
#: request, and the write is skipped when the read failed.  Each call makes at
#: most ``TOTAL_ATTEMPTS`` = 2 HTTP attempts (one retry, standard mode; note that
#: botocore's ``max_attempts`` counts *retries*, so ``max_attempts: 2`` would be
#: three attempts).  Standard-mode backoff before the retry is at most 1 s for
#: throttling and 25 ms otherwise.  So a store that cannot be reached costs at
#: most 2 x 1 s connect + 1 s = 3 s; a store that accepts and hangs, 2 x 1 s read
#: + backoff; a good read followed by a failing write, about the same again.
#: Worst case about 6 s, inside the Lambda timeout (7 s in template.yaml) and
#: Alexa's 8 s.  DynamoDB answers GetItem/PutItem in milliseconds, so 1 s is
#: generous; the timeouts bound outages, not normal latency.
CONNECT_TIMEOUT = 1
READ_TIMEOUT = 1
TOTAL_ATTEMPTS = 2


def client_config() -> Config:
    """The botocore configuration of the DynamoDB client."""
    from botocore.config import Config

    return Config(
        connect_timeout=CONNECT_TIMEOUT,
        read_timeout=READ_TIMEOUT,
        retries={"total_max_attempts": TOTAL_ATTEMPTS, "mode": "standard"},
    )


def dynamodb_resource() -> Any:
    """A boto3 DynamoDB resource with our timeouts, in its own session.

    The region is Lambda's ``AWS_REGION`` (``AWS_DEFAULT_REGION`` otherwise).
    Creating it resolves credentials, so call it per request, not at import.
    """
    import boto3

    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or None
    session = boto3.session.Session(region_name=region)
    return session.resource("dynamodb", config=client_config())


def _adapter_class() -> type[AbstractPersistenceAdapter]:
    """``ask_sdk_dynamodb.adapter.DynamoDbAdapter``, imported without its default resource.

    The module's ``dynamodb_resource=boto3.resource("dynamodb")`` default runs
    at import; while the module is first imported, ``boto3.resource`` returns
    ``None`` so that no client is created.  Every adapter we build gets an
    explicit resource.
    """
    import importlib
    import sys

    module = sys.modules.get("ask_sdk_dynamodb.adapter")
    if module is None:
        import boto3

        real_resource = boto3.resource
        boto3.resource = lambda *args, **kwargs: None
        try:
            module = importlib.import_module("ask_sdk_dynamodb.adapter")
        finally:
            boto3.resource = real_resource
    adapter_class: type[AbstractPersistenceAdapter] = module.DynamoDbAdapter
    return adapter_class


class LazyDynamoDbAdapter(AbstractPersistenceAdapter):
    """The SDK's ``DynamoDbAdapter``, created with our resource on first use.

    Thread-safe; one resource (and its connection pool) per adapter.
    """

    def __init__(self, table_name: str) -> None:
        if not table_name:
            raise ValueError("a DynamoDB table name is required")
        self.table_name = table_name
        self._adapter_class = _adapter_class()
        self._adapter: AbstractPersistenceAdapter | None = None
        self._resource: Any = None
        self._lock = threading.Lock()

    def resource(self) -> Any:
        """The boto3 resource (created on first call)."""
        self._delegate()
        return self._resource

    def _delegate(self) -> AbstractPersistenceAdapter:
        if self._adapter is None:
            with self._lock:
                if self._adapter is None:
                    resource = dynamodb_resource()
                    self._resource = resource
                    self._adapter = self._adapter_class(  # type: ignore[call-arg]
                        self.table_name,
                        partition_key_name=PARTITION_KEY,
                        attribute_name=ATTRIBUTE_NAME,
                        create_table=False,
                        dynamodb_resource=resource,
                    )
        return self._adapter

    def get_attributes(self, request_envelope: RequestEnvelope) -> dict[str, Any]:
        return self._delegate().get_attributes(request_envelope)

    def save_attributes(
        self, request_envelope: RequestEnvelope, attributes: dict[str, Any]
    ) -> None:
        self._delegate().save_attributes(request_envelope, attributes)

    def delete_attributes(self, request_envelope: RequestEnvelope) -> None:
        self._delegate().delete_attributes(request_envelope)


def dynamodb_adapter(table_name: str) -> AbstractPersistenceAdapter:
    """The visit store for ``table_name``; opens no connection until first used."""
    return LazyDynamoDbAdapter(table_name)
