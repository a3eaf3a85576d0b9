"""a stamp that changes whenever the built-in library is loaded, so processes can keep the catalog they read

Revision ID: 0016_library_stamp
Revises: 0015_stranded_replies

"""
import uuid

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016_library_stamp'
down_revision = '0015_stranded_replies'
branch_labels = None
depends_on = None


def upgrade():
    stamp = op.create_table('library_stamp',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stamp', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_library_stamp'))
    )
    # A fresh database gets a fresh stamp: nothing read from another database matches it.
    op.bulk_insert(stamp, [{'id': 1, 'stamp': uuid.uuid4().hex}])


def downgrade():
    op.drop_table('library_stamp')
