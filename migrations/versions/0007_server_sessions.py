"""server-side web sessions; password versions and consecutive failures on trainers

Revision ID: 0007_server_sessions
Revises: 0006_sms_routing

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007_server_sessions'
down_revision = '0006_sms_routing'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('web_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trainer_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('password_version', sa.Integer(), nullable=False),
    sa.Column('remote_addr', sa.String(length=45), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(), nullable=False),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['trainer_id'], ['trainer.id'], name=op.f('fk_web_session_trainer_id_trainer'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_web_session')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_web_session_token_hash'))
    )
    with op.batch_alter_table('web_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_web_session_trainer_id'), ['trainer_id'], unique=False)

    # Sessions signed in before this revision lived in the cookie alone and
    # end with it: everyone signs in once more.
    with op.batch_alter_table('trainer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('password_version', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('consecutive_failures', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('trainer', schema=None) as batch_op:
        batch_op.drop_column('consecutive_failures')
        batch_op.drop_column('password_version')

    with op.batch_alter_table('web_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_web_session_trainer_id'))

    op.drop_table('web_session')
