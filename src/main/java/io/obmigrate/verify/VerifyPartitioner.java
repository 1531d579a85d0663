package io.obmigrate.verify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import io.obmigrate.core.Verification;

/**
 * The partitions of one verified job: its verification's scopes, or a single empty partition when the run does not
 * verify that job (not selected, or no table it can check). Computed once, at the first start; a restart
 * re-uses the stored contexts.
 */
class VerifyPartitioner implements Partitioner {

	static final String SCOPE = "verify.scope";

	static final String FROM = "verify.from";

	static final String TO = "verify.to";

	static final String SKIPPED = "verify.skipped";

	private final Verification verification;

	private final boolean selected;

	VerifyPartitioner(Verification verification, boolean selected) {
		this.verification = verification;
		this.selected = selected;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> contexts = new LinkedHashMap<>();
		List<Verification.Scope> scopes = this.selected ? this.verification.scopes(gridSize) : List.of();
		if (scopes.isEmpty()) {
			ExecutionContext skipped = new ExecutionContext();
			skipped.putString(SKIPPED, "true");
			contexts.put("none", skipped);
			return contexts;
		}
		for (Verification.Scope scope : scopes) {
			ExecutionContext context = new ExecutionContext();
			context.putString(SCOPE, scope.name());
			if (scope.from() != null) {
				context.putString(FROM, scope.from());
			}
			if (scope.to() != null) {
				context.putString(TO, scope.to());
			}
			contexts.put(scope.name(), context);
		}
		return contexts;
	}

}
