using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace NationalReturns.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_return_transition_authority_returns_authority_return_id",
                table: "return_transition");

            migrationBuilder.DropPrimaryKey(
                name: "pk_return_transition",
                table: "return_transition");

            migrationBuilder.RenameTable(
                name: "return_transition",
                newName: "return_transitions");

            migrationBuilder.RenameIndex(
                name: "ix_return_transition_authority_return_id_at",
                table: "return_transitions",
                newName: "ix_return_transitions_authority_return_id_at");

            migrationBuilder.AddPrimaryKey(
                name: "pk_return_transitions",
                table: "return_transitions",
                column: "id");

            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    authority_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    period = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    detail = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    from = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_events", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_actor_at",
                table: "audit_events",
                columns: new[] { "actor", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_at",
                table: "audit_events",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_authority_code_at",
                table: "audit_events",
                columns: new[] { "authority_code", "at" });

            migrationBuilder.AddForeignKey(
                name: "fk_return_transitions_authority_returns_authority_return_id",
                table: "return_transitions",
                column: "authority_return_id",
                principalTable: "authority_returns",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        
            // The audit trail is append-only: the database itself refuses to change or delete a row.
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit_events is append-only: rows cannot be changed or deleted';
                END $$;
                CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
                    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events; DROP FUNCTION IF EXISTS audit_events_append_only();");
            migrationBuilder.DropForeignKey(
                name: "fk_return_transitions_authority_returns_authority_return_id",
                table: "return_transitions");

            migrationBuilder.DropTable(
                name: "audit_events");

            migrationBuilder.DropPrimaryKey(
                name: "pk_return_transitions",
                table: "return_transitions");

            migrationBuilder.RenameTable(
                name: "return_transitions",
                newName: "return_transition");

            migrationBuilder.RenameIndex(
                name: "ix_return_transitions_authority_return_id_at",
                table: "return_transition",
                newName: "ix_return_transition_authority_return_id_at");

            migrationBuilder.AddPrimaryKey(
                name: "pk_return_transition",
                table: "return_transition",
                column: "id");

            migrationBuilder.AddForeignKey(
                name: "fk_return_transition_authority_returns_authority_return_id",
                table: "return_transition",
                column: "authority_return_id",
                principalTable: "authority_returns",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
