"""A local DynamoDB-compatible server (moto, server mode) on 127.0.0.1, for one run only."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from types import TracebackType
from typing import IO, Any

from benchmarks.common import OURS_TABLE, aws_env, clean_env, free_port, wait_for_port


class MotoServer:
    """``with MotoServer() as moto: moto.endpoint`` - a moto server process for this run only."""

    def __init__(self) -> None:
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    def __enter__(self) -> MotoServer:
        self._log = tempfile.TemporaryFile()
        self._process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env=clean_env(**aws_env(self.endpoint)),
        )
        try:
            wait_for_port(self.port, timeout=30)
        except TimeoutError:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def client(self) -> Any:
        """A boto3 DynamoDB client for this server (for setup only)."""
        import boto3

        env = aws_env(self.endpoint)
        return boto3.session.Session(
            aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
            region_name="us-east-1",
        ).client("dynamodb", endpoint_url=self.endpoint)

    def create_table(self, name: str = OURS_TABLE) -> None:
        """The skill's table, as template.yaml defines it (partition key ``id``, string)."""
        client = self.client()
        if name in client.list_tables()["TableNames"]:
            return
        client.create_table(
            TableName=name,
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )

    def item_count(self, name: str) -> int:
        return int(self.client().scan(TableName=name, Select="COUNT")["Count"])
