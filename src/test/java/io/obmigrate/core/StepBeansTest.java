package io.obmigrate.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.aop.scope.ScopedObject;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * A step's reader and processor taken from step-scoped beans: each step execution (one per thread in a partitioned
 * step) reads and processes with its own instance, taken once when the step opens, and streams reach that instance.
 */
class StepBeansTest {

	/** What a step-scope proxy does: looks up the instance of the step execution running on this thread. */
	static final class ScopedReader implements ItemStreamReader<String>, ScopedObject {

		final AtomicInteger lookups = new AtomicInteger();

		final ThreadLocal<CountingReader> perStep = ThreadLocal.withInitial(CountingReader::new);

		final List<CountingReader> made = new ArrayList<>();

		@Override
		public Object getTargetObject() {
			this.lookups.incrementAndGet();
			CountingReader reader = this.perStep.get();
			synchronized (this.made) {
				if (!this.made.contains(reader)) {
					this.made.add(reader);
				}
			}
			return reader;
		}

		@Override
		public void removeFromScope() {
		}

		@Override
		public String read() {
			throw new AssertionError("read through the proxy");
		}

	}

	static final class CountingReader implements ItemStreamReader<String> {

		int next;

		boolean opened;

		boolean closed;

		final String name = Thread.currentThread().getName();

		@Override
		public void open(ExecutionContext context) {
			this.opened = true;
		}

		@Override
		public void update(ExecutionContext context) {
			context.putInt("next", this.next);
		}

		@Override
		public void close() {
			this.closed = true;
		}

		@Override
		public String read() {
			return this.next < 3 ? this.name + ":" + this.next++ : null;
		}

	}

	@Test
	void eachStepExecutionReadsFromItsOwnInstanceTakenOnce() throws Exception {
		ScopedReader proxy = new ScopedReader();
		ItemStreamReader<String> reader = StepBeans.reader(proxy);
		List<List<String>> read = new ArrayList<>();
		List<ExecutionContext> contexts = new ArrayList<>();
		CountDownLatch bothOpen = new CountDownLatch(2);
		List<Thread> threads = new ArrayList<>();
		for (int k = 0; k < 2; k++) {
			List<String> items = new ArrayList<>();
			ExecutionContext context = new ExecutionContext();
			read.add(items);
			contexts.add(context);
			Thread thread = new Thread(() -> {
				reader.open(context);
				bothOpen.countDown();
				try {
					bothOpen.await(); // both partitions open at once
					for (String item = reader.read(); item != null; item = reader.read()) {
						items.add(item);
					}
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
				reader.update(context);
				reader.close();
			}, "range-" + k);
			threads.add(thread);
			thread.start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(read.get(0)).containsExactly("range-0:0", "range-0:1", "range-0:2");
		assertThat(read.get(1)).containsExactly("range-1:0", "range-1:1", "range-1:2");
		assertThat(contexts).allSatisfy(context -> assertThat(context.getInt("next")).isEqualTo(3));
		assertThat(proxy.made).hasSize(2).allSatisfy(instance -> {
			assertThat(instance.opened).isTrue();
			assertThat(instance.closed).isTrue();
		});
		assertThat(proxy.lookups).hasValue(2); // once per step execution, not once per item
	}

	@Test
	void aProcessorIsTakenOncePerStepExecution() throws Exception {
		AtomicInteger lookups = new AtomicInteger();
		class ScopedProcessor implements ItemProcessor<String, String>, ScopedObject {

			@Override
			public Object getTargetObject() {
				lookups.incrementAndGet();
				return (ItemProcessor<String, String>) item -> item.toUpperCase();
			}

			@Override
			public void removeFromScope() {
			}

			@Override
			public String process(String item) {
				throw new AssertionError("processed through the proxy");
			}

		}
		ItemProcessor<String, String> processor = StepBeans.processor(new ScopedProcessor());
		((org.springframework.batch.infrastructure.item.ItemStream) processor).open(new ExecutionContext());
		assertThat(processor.process("a")).isEqualTo("A");
		assertThat(processor.process("b")).isEqualTo("B");
		assertThat(lookups).hasValue(1);
		((org.springframework.batch.infrastructure.item.ItemStream) processor).close();
	}

}
