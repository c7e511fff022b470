"""Delivery channels as plugins: one module per vendor, picked by a setting string."""

from jobs_feed.senders.base import DeliveryResult, Message, Sender, get_sender

__all__ = ["DeliveryResult", "Message", "Sender", "get_sender"]
