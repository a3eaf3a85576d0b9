"""an index over replies not yet processed, for the scheduler's recovery of replies whose queue message was lost

Revision ID: 0015_stranded_replies
Revises: 0014_templates

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015_stranded_replies'
down_revision = '0014_templates'
branch_labels = None
depends_on = None

UNPROCESSED = "direction = 'inbound' AND status IN ('received', 'processing')"


def upgrade():
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.create_index('ix_message_unprocessed_reply', ['created_at'], unique=False,
                              postgresql_where=sa.text(UNPROCESSED), sqlite_where=sa.text(UNPROCESSED))


def downgrade():
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.drop_index('ix_message_unprocessed_reply', postgresql_where=sa.text(UNPROCESSED),
                            sqlite_where=sa.text(UNPROCESSED))
