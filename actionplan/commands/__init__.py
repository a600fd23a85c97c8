"""The `atgardsplan` command line: parsing, Swedish messages, exit codes; the work is done by the layers below."""
