"""sms routing: practice names and sender numbers, phone bindings, opt-in confirmations

Revision ID: 0006_sms_routing
Revises: 0005_progress

Only ADD COLUMN and CREATE INDEX on the way up: on SQLite anything else
rebuilds the table, and dropping the old one (foreign keys on) would cascade
to the clients of every trainer and unlink every check-in's message.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006_sms_routing'
down_revision = '0005_progress'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('trainer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('practice_name', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('sms_from_number', sa.String(length=16), nullable=True))
        batch_op.create_index(batch_op.f('ix_trainer_sms_from_number'), ['sms_from_number'], unique=True)

    with op.batch_alter_table('client', schema=None) as batch_op:
        batch_op.add_column(sa.Column('phone_binding', sa.String(length=16), server_default='confirmed',
                                      nullable=False))
        batch_op.add_column(sa.Column('opt_in_sent_at', sa.DateTime(), nullable=True))

    with op.batch_alter_table('dispatch', schema=None) as batch_op:
        batch_op.add_column(sa.Column('opt_in_message_id', sa.Integer(), nullable=True))

    # A client already texted had their first text before opt-in
    # confirmations existed: theirs counts as sent then. (Any outbound
    # message, pending ones included, so nothing queued is held back.)
    op.execute(sa.text(
        "UPDATE client SET opt_in_sent_at = (SELECT MIN(message.created_at) FROM message "
        "WHERE message.client_id = client.id AND message.direction = 'outbound')"))
    # A number several practices share stays with the practice that added it
    # first; the others wait for the person's YES, as a new one would. This
    # closes replies captured before the fix; the next text of a waiting
    # practice is its opt-in confirmation, which asks the person.
    op.execute(sa.text(
        "UPDATE client SET phone_binding = 'awaiting', opt_in_sent_at = NULL WHERE EXISTS "
        "(SELECT 1 FROM client AS earlier WHERE earlier.phone = client.phone AND earlier.id < client.id "
        "AND earlier.trainer_id <> client.trainer_id)"))


def downgrade():
    with op.batch_alter_table('dispatch', schema=None) as batch_op:
        batch_op.drop_column('opt_in_message_id')

    with op.batch_alter_table('client', schema=None) as batch_op:
        batch_op.drop_column('opt_in_sent_at')
        batch_op.drop_column('phone_binding')

    with op.batch_alter_table('trainer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_trainer_sms_from_number'))
        batch_op.drop_column('sms_from_number')
        batch_op.drop_column('practice_name')
