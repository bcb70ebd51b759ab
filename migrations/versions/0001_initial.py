"""The initial schema: message, signatory, mandate, event, checkpoint, run.

Revision ID: 0001
Revises:
Create Date: 2026-11-28 12:41:21.726086
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0001'
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('checkpoint',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account', sa.Text(), nullable=False),
    sa.Column('folder', sa.Text(), nullable=False),
    sa.Column('uidvalidity', sa.Integer(), nullable=False),
    sa.Column('last_uid', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checkpoint')),
    sa.UniqueConstraint('account', 'folder', name=op.f('uq_checkpoint_account_folder'))
    )
    op.create_table('message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.Text(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('source_kind', sa.String(length=8), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('imap_account', sa.Text(), nullable=True),
    sa.Column('imap_folder', sa.Text(), nullable=True),
    sa.Column('imap_uidvalidity', sa.Integer(), nullable=True),
    sa.Column('imap_uid', sa.Integer(), nullable=True),
    sa.Column('sender', sa.Text(), nullable=True),
    sa.Column('subject', sa.Text(), nullable=True),
    sa.Column('date', sa.DateTime(timezone=True), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('processed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('raw', sa.LargeBinary(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('extractor_version', sa.String(length=32), nullable=True),
    sa.Column('decision', sa.String(length=16), nullable=True),
    sa.Column('official_address', sa.Boolean(), nullable=True),
    sa.Column('reasons', sa.JSON(), nullable=True),
    sa.CheckConstraint("source_kind IN ('imap', 'file')", name=op.f('ck_message_source_kind')),
    sa.CheckConstraint("status IN ('received', 'processed', 'error')", name=op.f('ck_message_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_message')),
    sa.UniqueConstraint('imap_account', 'imap_folder', 'imap_uidvalidity', 'imap_uid', name=op.f('uq_message_imap_account_imap_folder_imap_uidvalidity_imap_uid')),
    sa.UniqueConstraint('sha256', name=op.f('uq_message_sha256')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_message_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_message_message_id'), ['message_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_message_sender'), ['sender'], unique=False)
        batch_op.create_index(batch_op.f('ix_message_status'), ['status'], unique=False)

    op.create_table('run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ok', sa.Boolean(), nullable=True),
    sa.Column('counts', sa.JSON(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_run'))
    )
    with op.batch_alter_table('run', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_run_started_at'), ['started_at'], unique=False)

    op.create_table('signatory',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('name_key', sa.Text(), nullable=True),
    sa.Column('party', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('official_address', sa.Boolean(), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=True),
    sa.Column('confidence', sa.JSON(), nullable=True),
    sa.Column('message_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('pending', 'published', 'rejected', 'withdrawn')", name=op.f('ck_signatory_status')),
    sa.ForeignKeyConstraint(['message_id'], ['message.id'], name=op.f('fk_signatory_message_id_message'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signatory')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('signatory', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signatory_message_id'), ['message_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_signatory_name_key_status'), ['name_key', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_signatory_status'), ['status'], unique=False)

    op.create_table('event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('signatory_id', sa.Integer(), nullable=True),
    sa.Column('message_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('actor', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['message_id'], ['message.id'], name=op.f('fk_event_message_id_message'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['signatory_id'], ['signatory.id'], name=op.f('fk_event_signatory_id_signatory'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_message_id'), ['message_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_signatory_id'), ['signatory_id'], unique=False)

    op.create_table('mandate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('signatory_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('label', sa.Text(), nullable=False),
    sa.Column('place', sa.Text(), nullable=True),
    sa.Column('departement', sa.String(length=3), nullable=True),
    sa.ForeignKeyConstraint(['signatory_id'], ['signatory.id'], name=op.f('fk_mandate_signatory_id_signatory'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mandate'))
    )
    with op.batch_alter_table('mandate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mandate_signatory_id'), ['signatory_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('mandate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mandate_signatory_id'))

    op.drop_table('mandate')
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_signatory_id'))
        batch_op.drop_index(batch_op.f('ix_event_message_id'))
        batch_op.drop_index(batch_op.f('ix_event_at'))
        batch_op.drop_index(batch_op.f('ix_event_action'))

    op.drop_table('event')
    with op.batch_alter_table('signatory', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signatory_status'))
        batch_op.drop_index(batch_op.f('ix_signatory_name_key_status'))
        batch_op.drop_index(batch_op.f('ix_signatory_message_id'))

    op.drop_table('signatory')
    with op.batch_alter_table('run', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_run_started_at'))

    op.drop_table('run')
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_message_status'))
        batch_op.drop_index(batch_op.f('ix_message_sender'))
        batch_op.drop_index(batch_op.f('ix_message_message_id'))
        batch_op.drop_index(batch_op.f('ix_message_kind'))

    op.drop_table('message')
    op.drop_table('checkpoint')
