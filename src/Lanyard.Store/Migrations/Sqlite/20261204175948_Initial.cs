using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lanyard.Store.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Time = table.Column<long>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", nullable: false),
                    Target = table.Column<string>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", nullable: true),
                    PreviousHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_events", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "audit_head",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    LastSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    LastHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_head", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "environments",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    TrustDomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    StaleAfterDays = table.Column<int>(type: "INTEGER", nullable: false),
                    RenewalWindowDays = table.Column<int>(type: "INTEGER", nullable: false),
                    RotateAfterDays = table.Column<int>(type: "INTEGER", nullable: false),
                    RotationOverlapHours = table.Column<int>(type: "INTEGER", nullable: false),
                    SigningKeyRotationDays = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_environments", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "owners",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Contact = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    WebhookUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    SealedWebhookSecret = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_owners", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "revoked_tokens",
                columns: table => new
                {
                    Jti = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Environment = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_revoked_tokens", x => x.Jti);
                });

            migrationBuilder.CreateTable(
                name: "secret_sightings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SightingKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RuleId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    Line = table.Column<int>(type: "INTEGER", nullable: false),
                    Column = table.Column<int>(type: "INTEGER", nullable: false),
                    Commit = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CommitTime = table.Column<long>(type: "INTEGER", nullable: true),
                    Layer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Confidence = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FirstReportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastReportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReportedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_secret_sightings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "system_secrets",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Sealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_system_secrets", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "used_client_assertions",
                columns: table => new
                {
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Jti = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_used_client_assertions", x => new { x.ClientId, x.Jti });
                });

            migrationBuilder.CreateTable(
                name: "policy_versions",
                columns: table => new
                {
                    Environment = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 262144, nullable: false),
                    Digest = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AppliedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AppliedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_policy_versions", x => new { x.Environment, x.Version });
                    table.ForeignKey(
                        name: "FK_policy_versions_environments_Environment",
                        column: x => x.Environment,
                        principalTable: "environments",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "signing_keys",
                columns: table => new
                {
                    Kid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Environment = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Algorithm = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PublicJwk = table.Column<string>(type: "TEXT", nullable: false),
                    SealedPrivateKey = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ActivatesAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PrecededByKid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RetiredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_signing_keys", x => x.Kid);
                    table.ForeignKey(
                        name: "FK_signing_keys_environments_Environment",
                        column: x => x.Environment,
                        principalTable: "environments",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Environment = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OwnerAssignedInLanyard = table.Column<bool>(type: "INTEGER", nullable: false),
                    SpiffeId = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    Class = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Origin = table.Column<string>(type: "TEXT", nullable: true),
                    ExternalKey = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Gone = table.Column<bool>(type: "INTEGER", nullable: false),
                    Labels = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_identities_environments_Environment",
                        column: x => x.Environment,
                        principalTable: "environments",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_identities_owners_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "owners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Event = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastAttemptAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhook_deliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_webhook_deliveries_owners_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "owners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "acme_accounts",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Environment = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    IdentityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    KeyThumbprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    KeyJson = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Contacts = table.Column<string>(type: "TEXT", nullable: false),
                    EabKid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_acme_accounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_acme_accounts_environments_Environment",
                        column: x => x.Environment,
                        principalTable: "environments",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_acme_accounts_identities_IdentityId",
                        column: x => x.IdentityId,
                        principalTable: "identities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "acme_eab_keys",
                columns: table => new
                {
                    Kid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Environment = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    IdentityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SealedHmacKey = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_acme_eab_keys", x => x.Kid);
                    table.ForeignKey(
                        name: "FK_acme_eab_keys_identities_IdentityId",
                        column: x => x.IdentityId,
                        principalTable: "identities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "credentials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    IdentityId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Environment = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Origin = table.Column<string>(type: "TEXT", nullable: true),
                    ExternalKey = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    KeyId = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastUsedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastUsedFrom = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UsageTracked = table.Column<bool>(type: "INTEGER", nullable: false),
                    LastRotatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RotatedFromId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SupersededById = table.Column<Guid>(type: "TEXT", nullable: true),
                    RetiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ExpiryNotifiedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SerialNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    KeyAlgorithm = table.Column<string>(type: "TEXT", nullable: true),
                    KeySize = table.Column<int>(type: "INTEGER", nullable: true),
                    SignatureAlgorithm = table.Column<string>(type: "TEXT", nullable: true),
                    Subject = table.Column<string>(type: "TEXT", nullable: true),
                    Issuer = table.Column<string>(type: "TEXT", nullable: true),
                    SubjectAlternativeNames = table.Column<string>(type: "TEXT", nullable: false),
                    SealedValue = table.Column<byte[]>(type: "BLOB", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credentials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_credentials_environments_Environment",
                        column: x => x.Environment,
                        principalTable: "environments",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_credentials_identities_IdentityId",
                        column: x => x.IdentityId,
                        principalTable: "identities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_credentials_owners_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "owners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "oauth_clients",
                columns: table => new
                {
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    IdentityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Environment = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Scopes = table.Column<string>(type: "TEXT", nullable: false),
                    AccessTokenMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Jwks = table.Column<string>(type: "TEXT", nullable: true),
                    TlsClientAuthSanUri = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    SelfSignedCertificateThumbprint = table.Column<string>(type: "TEXT", maxLength: 43, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DisabledAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_oauth_clients", x => x.ClientId);
                    table.ForeignKey(
                        name: "FK_oauth_clients_environments_Environment",
                        column: x => x.Environment,
                        principalTable: "environments",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_oauth_clients_identities_IdentityId",
                        column: x => x.IdentityId,
                        principalTable: "identities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "principals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Environments = table.Column<string>(type: "TEXT", nullable: false),
                    Teams = table.Column<string>(type: "TEXT", nullable: false),
                    IdentityId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastUsedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_principals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_principals_identities_IdentityId",
                        column: x => x.IdentityId,
                        principalTable: "identities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "webhook_attempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DeliveryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    DurationMilliseconds = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhook_attempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_webhook_attempts_webhook_deliveries_DeliveryId",
                        column: x => x.DeliveryId,
                        principalTable: "webhook_deliveries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "acme_orders",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Environment = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Names = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Replaces = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CertificateId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CertificateChainPem = table.Column<string>(type: "TEXT", nullable: true),
                    ErrorJson = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_acme_orders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_acme_orders_acme_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "acme_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "watched_endpoints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Host = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    Port = table.Column<int>(type: "INTEGER", nullable: false),
                    ServerName = table.Column<string>(type: "TEXT", maxLength: 253, nullable: true),
                    Environment = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    IdentityId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CredentialId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    NextProbeAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastProbedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    UnreachableSince = table.Column<long>(type: "INTEGER", nullable: true),
                    Problems = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_watched_endpoints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_watched_endpoints_credentials_CredentialId",
                        column: x => x.CredentialId,
                        principalTable: "credentials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_watched_endpoints_environments_Environment",
                        column: x => x.Environment,
                        principalTable: "environments",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_watched_endpoints_identities_IdentityId",
                        column: x => x.IdentityId,
                        principalTable: "identities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "dashboard_sessions",
                columns: table => new
                {
                    ReferenceHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PrincipalId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dashboard_sessions", x => x.ReferenceHash);
                    table.ForeignKey(
                        name: "FK_dashboard_sessions_principals_PrincipalId",
                        column: x => x.PrincipalId,
                        principalTable: "principals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "acme_authorizations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OrderId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_acme_authorizations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_acme_authorizations_acme_orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "acme_orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "acme_challenges",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AuthorizationId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Token = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ValidatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ErrorJson = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_acme_challenges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_acme_challenges_acme_authorizations_AuthorizationId",
                        column: x => x.AuthorizationId,
                        principalTable: "acme_authorizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "audit_head",
                columns: new[] { "Id", "LastHash", "LastSequence" },
                values: new object[] { 1, "0000000000000000000000000000000000000000000000000000000000000000", 0L });

            migrationBuilder.CreateIndex(
                name: "IX_acme_accounts_Environment_KeyThumbprint",
                table: "acme_accounts",
                columns: new[] { "Environment", "KeyThumbprint" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_acme_accounts_IdentityId",
                table: "acme_accounts",
                column: "IdentityId");

            migrationBuilder.CreateIndex(
                name: "IX_acme_authorizations_OrderId",
                table: "acme_authorizations",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_acme_challenges_AuthorizationId",
                table: "acme_challenges",
                column: "AuthorizationId");

            migrationBuilder.CreateIndex(
                name: "IX_acme_eab_keys_IdentityId",
                table: "acme_eab_keys",
                column: "IdentityId");

            migrationBuilder.CreateIndex(
                name: "IX_acme_orders_AccountId_CreatedAt",
                table: "acme_orders",
                columns: new[] { "AccountId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_acme_orders_CertificateId",
                table: "acme_orders",
                column: "CertificateId");

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_Actor_Sequence",
                table: "audit_events",
                columns: new[] { "Actor", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_Target_Sequence",
                table: "audit_events",
                columns: new[] { "Target", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_Time",
                table: "audit_events",
                column: "Time");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_Environment_ExternalKey",
                table: "credentials",
                columns: new[] { "Environment", "ExternalKey" });

            migrationBuilder.CreateIndex(
                name: "IX_credentials_Environment_Kind_State",
                table: "credentials",
                columns: new[] { "Environment", "Kind", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_credentials_Environment_Name_Id",
                table: "credentials",
                columns: new[] { "Environment", "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_credentials_ExpiresAt_Id",
                table: "credentials",
                columns: new[] { "ExpiresAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_credentials_Fingerprint",
                table: "credentials",
                column: "Fingerprint");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_IdentityId",
                table: "credentials",
                column: "IdentityId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_Kind_KeyId",
                table: "credentials",
                columns: new[] { "Kind", "KeyId" });

            migrationBuilder.CreateIndex(
                name: "IX_credentials_Name_Id",
                table: "credentials",
                columns: new[] { "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_credentials_OwnerId",
                table: "credentials",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_RetiresAt",
                table: "credentials",
                column: "RetiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_RotatedFromId",
                table: "credentials",
                column: "RotatedFromId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_credentials_UpdatedAt_Id",
                table: "credentials",
                columns: new[] { "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_dashboard_sessions_ExpiresAt",
                table: "dashboard_sessions",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_dashboard_sessions_PrincipalId",
                table: "dashboard_sessions",
                column: "PrincipalId");

            migrationBuilder.CreateIndex(
                name: "IX_identities_Environment_ExternalKey",
                table: "identities",
                columns: new[] { "Environment", "ExternalKey" });

            migrationBuilder.CreateIndex(
                name: "IX_identities_Environment_Name",
                table: "identities",
                columns: new[] { "Environment", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_identities_Name_Id",
                table: "identities",
                columns: new[] { "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_identities_OwnerId",
                table: "identities",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_oauth_clients_Environment",
                table: "oauth_clients",
                column: "Environment");

            migrationBuilder.CreateIndex(
                name: "IX_oauth_clients_IdentityId",
                table: "oauth_clients",
                column: "IdentityId");

            migrationBuilder.CreateIndex(
                name: "IX_owners_Name",
                table: "owners",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_principals_IdentityId",
                table: "principals",
                column: "IdentityId");

            migrationBuilder.CreateIndex(
                name: "IX_principals_Name",
                table: "principals",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_principals_TokenHash",
                table: "principals",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_revoked_tokens_ExpiresAt",
                table: "revoked_tokens",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_secret_sightings_Fingerprint",
                table: "secret_sightings",
                column: "Fingerprint");

            migrationBuilder.CreateIndex(
                name: "IX_secret_sightings_SightingKey",
                table: "secret_sightings",
                column: "SightingKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_secret_sightings_Source",
                table: "secret_sightings",
                column: "Source");

            migrationBuilder.CreateIndex(
                name: "IX_signing_keys_Environment_CreatedAt",
                table: "signing_keys",
                columns: new[] { "Environment", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_signing_keys_PrecededByKid",
                table: "signing_keys",
                column: "PrecededByKid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_used_client_assertions_ExpiresAt",
                table: "used_client_assertions",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_watched_endpoints_CredentialId",
                table: "watched_endpoints",
                column: "CredentialId");

            migrationBuilder.CreateIndex(
                name: "IX_watched_endpoints_Environment_Host_Port",
                table: "watched_endpoints",
                columns: new[] { "Environment", "Host", "Port" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_watched_endpoints_IdentityId",
                table: "watched_endpoints",
                column: "IdentityId");

            migrationBuilder.CreateIndex(
                name: "IX_watched_endpoints_NextProbeAt",
                table: "watched_endpoints",
                column: "NextProbeAt");

            migrationBuilder.CreateIndex(
                name: "IX_webhook_attempts_DeliveryId_Number",
                table: "webhook_attempts",
                columns: new[] { "DeliveryId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_webhook_deliveries_OwnerId_CreatedAt",
                table: "webhook_deliveries",
                columns: new[] { "OwnerId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_webhook_deliveries_Status_NextAttemptAt",
                table: "webhook_deliveries",
                columns: new[] { "Status", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "acme_challenges");

            migrationBuilder.DropTable(
                name: "acme_eab_keys");

            migrationBuilder.DropTable(
                name: "audit_events");

            migrationBuilder.DropTable(
                name: "audit_head");

            migrationBuilder.DropTable(
                name: "dashboard_sessions");

            migrationBuilder.DropTable(
                name: "oauth_clients");

            migrationBuilder.DropTable(
                name: "policy_versions");

            migrationBuilder.DropTable(
                name: "revoked_tokens");

            migrationBuilder.DropTable(
                name: "secret_sightings");

            migrationBuilder.DropTable(
                name: "signing_keys");

            migrationBuilder.DropTable(
                name: "system_secrets");

            migrationBuilder.DropTable(
                name: "used_client_assertions");

            migrationBuilder.DropTable(
                name: "watched_endpoints");

            migrationBuilder.DropTable(
                name: "webhook_attempts");

            migrationBuilder.DropTable(
                name: "acme_authorizations");

            migrationBuilder.DropTable(
                name: "principals");

            migrationBuilder.DropTable(
                name: "credentials");

            migrationBuilder.DropTable(
                name: "webhook_deliveries");

            migrationBuilder.DropTable(
                name: "acme_orders");

            migrationBuilder.DropTable(
                name: "acme_accounts");

            migrationBuilder.DropTable(
                name: "identities");

            migrationBuilder.DropTable(
                name: "environments");

            migrationBuilder.DropTable(
                name: "owners");
        }
    }
}
