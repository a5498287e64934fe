using System.Diagnostics.Metrics;
using Azure;
using Azure.Messaging.ServiceBus;
using Azure.Messaging.ServiceBus.Administration;
using Empreinte.Application;
using Empreinte.Azure.Bridge;
using Empreinte.Azure.Messaging;

namespace Empreinte.Azure.Tests;

/// <summary>
/// The Service Bus backlog up to the SDK boundary: the reader asks the administration client for
/// each bridged subscription's runtime properties (a client answering as the service would, through
/// <see cref="ServiceBusModelFactory"/>), and <c>empreinte.bus.backlog</c> reports their active
/// message counts per <c>{topic}/{subscription}</c>.
/// </summary>
public sealed class ServiceBusBacklogReaderTests
{
    [Fact]
    public async Task EverySubscriptionsActiveMessages_AreTheGaugesValues_AndAFailedReadIsNotReported()
    {
        var topic = "usage-" + Guid.NewGuid().ToString("N")[..8];
        var options = new ServiceBusBridgeOptions { UsageTopicName = topic, ImportEventsTopicName = topic + "-events" };
        var counts = new Dictionary<string, long> { ["energy"] = 12, ["water"] = 7, ["materials"] = 0, ["tracker"] = 3 };
        var administration = new AnsweringAdministrationClient(counts);
        var reader = new ServiceBusBacklogReader(administration, options);

        Assert.Equal([$"{topic}/energy", $"{topic}/water", $"{topic}/materials", $"{topic}-events/tracker"], reader.Queues);
        var observed = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == EmpreinteTelemetry.Name && instrument.Name == BusBacklog.MetricName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags) if (tag.Key == BusBacklog.QueueTag && ((string)tag.Value!).StartsWith(topic, StringComparison.Ordinal)) observed[(string)tag.Value!] = value;
        });
        listener.Start();

        await using (var poller = BusBacklogPoller.Start(reader, TimeSpan.FromHours(1)))
        {
            await poller.ReadOnceAsync(CancellationToken.None);
            listener.RecordObservableInstruments();
            Assert.Equal(12, observed[$"{topic}/energy"]);
            Assert.Equal(7, observed[$"{topic}/water"]);
            Assert.Equal(0, observed[$"{topic}/materials"]);
            Assert.Equal(3, observed[$"{topic}-events/tracker"]);
            Assert.Equal(["energy", "materials", "tracker", "water"], administration.Asked.Distinct().Order());

            // The namespace stops answering for one subscription: that one is unknown, not zero or stale.
            counts.Remove("water");
            await poller.ReadOnceAsync(CancellationToken.None);
            observed.Clear();
            listener.RecordObservableInstruments();
            Assert.False(observed.ContainsKey($"{topic}/water"));
            Assert.Equal(12, observed[$"{topic}/energy"]);
        }

        Assert.Null(BusBacklog.Latest($"{topic}/energy"));
    }

    /// <summary>Answers runtime properties as the service does, from a table of counts; a subscription not in it fails as a 404.</summary>
    private sealed class AnsweringAdministrationClient(Dictionary<string, long> counts) : ServiceBusAdministrationClient
    {
        public List<string> Asked { get; } = [];

        public override Task<Response<SubscriptionRuntimeProperties>> GetSubscriptionRuntimePropertiesAsync(string topicName, string subscriptionName, CancellationToken cancellationToken = default)
        {
            lock (Asked) Asked.Add(subscriptionName);
            if (!counts.TryGetValue(subscriptionName, out var active)) throw new RequestFailedException(404, $"subscription {subscriptionName} not found");
            var properties = ServiceBusModelFactory.SubscriptionRuntimeProperties(topicName, subscriptionName, activeMessageCount: active);
            return Task.FromResult(Response.FromValue(properties, null!));
        }
    }
}
