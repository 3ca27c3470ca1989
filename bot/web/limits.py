"""How much the gateway accepts in one request."""

MAX_MESSAGE_CHARS = 1000
MAX_BODY_BYTES = 16 * 1024
