package org.lungprep.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The warm-up names its classes as strings: every one must exist and initialise. */
class WarmUpTest {

	@Test
	void everyStepSucceeds() {
		assertEquals(List.of(), WarmUp.warm());
	}

	@Test
	void everyClassNamedExists() throws ClassNotFoundException {
		for (final String name : WarmUp.CLASSES)
			assertEquals(name, Class.forName(name, false, WarmUpTest.class.getClassLoader()).getName());
	}
}
