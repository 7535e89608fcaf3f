using System.Formats.Asn1;

namespace Lanyard.EndToEnd.Tests;

/// <summary>Reads the revoked serial numbers out of a DER CRL (RFC 5280 section 5.1), as a relying party does.</summary>
internal static class RevocationList
{
    public static IReadOnlyList<string> RevokedSerials(byte[] der)
    {
        var crl = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var tbs = crl.ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
        {
            tbs.ReadInteger();
        }

        tbs.ReadSequence();
        tbs.ReadSequence();
        SkipTime(tbs);
        if (tbs.HasData && IsTime(tbs.PeekTag()))
        {
            SkipTime(tbs);
        }

        var serials = new List<string>();
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var entries = tbs.ReadSequence();
            while (entries.HasData)
            {
                var entry = entries.ReadSequence();
                serials.Add(Convert.ToHexString(entry.ReadIntegerBytes().Span));
            }
        }

        return serials;
    }

    private static bool IsTime(Asn1Tag tag) => tag.HasSameClassAndValue(Asn1Tag.UtcTime) || tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime);

    private static void SkipTime(AsnReader reader)
    {
        if (reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime))
        {
            reader.ReadUtcTime();
        }
        else
        {
            reader.ReadGeneralizedTime();
        }
    }
}
