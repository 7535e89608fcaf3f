using Lanyard.Core.Inventory;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Lanyard.Store.Configuration;

internal sealed class IdentityIdConverter() : ValueConverter<IdentityId, Guid>(id => id.Value, value => new IdentityId(value));

internal sealed class CredentialIdConverter() : ValueConverter<CredentialId, Guid>(id => id.Value, value => new CredentialId(value));

internal sealed class OwnerIdConverter() : ValueConverter<OwnerId, Guid>(id => id.Value, value => new OwnerId(value));
