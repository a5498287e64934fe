using System.Text;
using Empreinte.Azure.Tests.Support;
using Empreinte.Azure.Webhooks;

namespace Empreinte.Azure.Tests;

public sealed class SignedUploadGateTests
{
    private static readonly DateTimeOffset _now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly byte[] _body = Encoding.UTF8.GetBytes("BillingAccountId,ChargePeriodStart\nacc,2026-11-01\n");

    private readonly UploadSignature _signature = UploadSignature.FromSetting("a webhook secret of at least 32 bytes", new FixedClock(_now));

    [Fact]
    public async Task SignedBodyWithinTheLimit_IsAdmittedWhole()
    {
        var admission = await new SignedUploadGate(_signature, maxBytes: 1000).AdmitAsync(_signature.Sign(_body, _now), null, _body.Length, new MemoryStream(_body), CancellationToken.None);

        Assert.True(admission.Admitted);
        Assert.Equal(_body, admission.Body);
        Assert.Equal(SignedUploadGate.Accepted, admission.StatusCode);
    }

    [Fact]
    public async Task Unsigned_IsRefusedBeforeTheBodyIsRead()
    {
        var body = new MemoryStream(_body);

        var admission = await new SignedUploadGate(_signature).AdmitAsync(null, null, _body.Length, body, CancellationToken.None);

        Assert.Equal((false, SignedUploadGate.Unauthorized), (admission.Admitted, admission.StatusCode));
        Assert.Contains("missing", admission.Problem, StringComparison.Ordinal);
        Assert.Equal(0, body.Position);
    }

    [Fact]
    public async Task Oversized_IsRefusedWith413()
    {
        var big = new byte[2000];

        var admission = await new SignedUploadGate(_signature, maxBytes: 1000).AdmitAsync(_signature.Sign(big, _now), null, big.Length, new MemoryStream(big), CancellationToken.None);

        Assert.Equal((false, SignedUploadGate.PayloadTooLarge), (admission.Admitted, admission.StatusCode));
    }

    [Fact]
    public async Task Replayed_IsRefusedWithTheReason()
    {
        var old = _signature.Sign(_body, _now - TimeSpan.FromHours(2));

        var admission = await new SignedUploadGate(_signature).AdmitAsync(old, null, _body.Length, new MemoryStream(_body), CancellationToken.None);

        Assert.Equal((false, SignedUploadGate.Unauthorized), (admission.Admitted, admission.StatusCode));
        Assert.Contains("too old", admission.Problem, StringComparison.Ordinal);
    }
}
