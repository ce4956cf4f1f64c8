"""a re-check asked for while a package is processed; cache entries derived from a package

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("packages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rerun", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("derived", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("packages", schema=None) as batch_op:
        batch_op.drop_column("derived")
        batch_op.drop_column("rerun")
