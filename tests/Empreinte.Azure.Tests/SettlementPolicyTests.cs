using System.Text.Json;
using Empreinte.Azure.Bridge;
using Empreinte.Azure.Messaging;

namespace Empreinte.Azure.Tests;

public sealed class SettlementPolicyTests
{
    [Fact]
    public void Success_Completes() =>
        Assert.Equal(Settlement.Complete, SettlementPolicy.Decide(null, deliveryCount: 1, maxDeliveryCount: 10));

    [Fact]
    public void TransientFailureBeforeTheLastDelivery_Abandons() =>
        Assert.Equal(Settlement.Abandon, SettlementPolicy.Decide(new IOException("storage timeout"), deliveryCount: 9, maxDeliveryCount: 10));

    [Theory]
    [InlineData(10)]
    [InlineData(11)]
    public void FailureOnTheLastDelivery_DeadLettersWithTheCause(int deliveryCount)
    {
        var settlement = SettlementPolicy.Decide(new IOException("storage timeout"), deliveryCount, maxDeliveryCount: 10);

        Assert.Equal(SettlementAction.DeadLetter, settlement.Action);
        Assert.Equal(SettlementPolicy.DeliveriesExhausted, settlement.Reason);
        Assert.Contains("IOException: storage timeout", settlement.Description, StringComparison.Ordinal);
        Assert.Contains($"delivery {deliveryCount} of 10", settlement.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void CancelledByShutdownOnTheLastDelivery_IsAbandonedNotBlamed() =>
        Assert.Equal(Settlement.Abandon, SettlementPolicy.Decide(new OperationCanceledException(), deliveryCount: 10, maxDeliveryCount: 10));

    [Fact]
    public void PoisonMessage_DeadLettersOnItsFirstDelivery()
    {
        var settlement = SettlementPolicy.Decide(new PoisonMessageException("UnexpectedSubject", "subject 'Foo'"), deliveryCount: 1, maxDeliveryCount: 10);

        Assert.Equal(Settlement.DeadLetter("UnexpectedSubject", "PoisonMessageException: subject 'Foo'"), settlement);
    }

    [Fact]
    public void JsonFailure_DeadLettersAsDeserializationFailed()
    {
        var settlement = SettlementPolicy.Decide(new JsonException("'{' is invalid"), deliveryCount: 1, maxDeliveryCount: 10);

        Assert.Equal(SettlementAction.DeadLetter, settlement.Action);
        Assert.Equal(SettlementPolicy.DeserializationFailed, settlement.Reason);
    }

    [Fact]
    public void VeryLongFailure_IsTruncatedToTheDeadLetterDescriptionLimit()
    {
        var settlement = SettlementPolicy.Decide(new IOException(new string('x', 10_000)), deliveryCount: 3, maxDeliveryCount: 3);

        Assert.Equal(4096, settlement.Description!.Length);
    }
}
