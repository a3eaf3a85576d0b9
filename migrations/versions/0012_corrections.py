"""corrections: a reply that corrects an earlier reply of the same day names it

Revision ID: 0012_corrections
Revises: 0011_media

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_corrections'
down_revision = '0011_media'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('corrects_message_id', sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.drop_column('corrects_message_id')
