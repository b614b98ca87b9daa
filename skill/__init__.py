"""Muscle Twitch Guide: an Alexa skill that answers questions about muscle twitching."""
