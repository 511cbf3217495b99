"""Typed request and result shapes of ``client.pass_through.<provider>``'s typed methods."""
