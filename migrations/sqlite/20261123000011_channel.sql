-- Channels: e-mail, WhatsApp, SMS, phone, counter and letter flow into the
-- same conversations.
--
-- conversation.contact: the address replies go to on the conversation's
-- channel (an e-mail address or an E.164 phone number); for an
-- unidentified contact it is also how their next message finds the thread.
alter table conversation add column contact text;
create index conversation_contact_idx on conversation (contact, updated_at);

-- message.provider_id: the provider's id of the message (WhatsApp wamid,
-- Twilio MessageSid, e-mail Message-ID): inbound it makes a redelivery a
-- no-op, outbound it matches the provider's status callbacks.
-- message.delivery: for outbound messages on a channel that reports it:
-- queued, sent, delivered, read or failed.
alter table message add column provider_id text;
alter table message add column delivery text;
create unique index message_provider_idx on message (channel, provider_id);

-- A notification that carries a staff reply out on the conversation's channel.
alter table notification add column message_id blob constraint notification_message_fkey references message (id);
create index notification_message_idx on notification (message_id);

-- The channel a resident prefers for answers to new questions.
alter table resident add column preferred_channel text;

-- Phone calls as the telephony platform reports them (start, end): the
-- call is a contact in the caller's conversation; while it is on, the
-- agent's screen shows the caller's context.
create table phone_call (
    id               blob          not null primary key,
    provider_call_id text        not null constraint phone_call_provider_key unique,
    caller           text        not null,
    agent            text,
    staff_id         blob          constraint phone_call_staff_fkey references staff_member (id),
    conversation_id  blob          not null constraint phone_call_conversation_fkey references conversation (id),
    started_at       text          not null,
    ended_at         text
);
create index phone_call_active_idx on phone_call (ended_at, started_at);
