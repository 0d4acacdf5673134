/* SPDX-License-Identifier: BSD-3-Clause */
/* Hosted tests of uksched's timer heap and uksched-coop's run queue. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/sched.h>
#include "hosted.h"

#define NTHREADS 512

static struct uk_thread threads[NTHREADS];
static char heap_mem[1 << 20];

static void setup(void)
{
	int i;

	uk_alloc_set_default(uk_alloc_tlsf_create(heap_mem,
						  sizeof(heap_mem)));
	for (i = 0; i < NTHREADS; i++)
		threads[i] = (struct uk_thread){ .tid = i, .heap_idx = -1 };
}

START_TEST(uksched_coop_fifo_order)
{
	const struct uk_sched_ops *ops = &uk_sched_default_ops;
	int i;

	ck_assert_ptr_null(ops->pick());
	for (i = 0; i < 10; i++)
		ops->enqueue(&threads[i]);
	for (i = 0; i < 5; i++)
		ck_assert_int_eq(ops->pick()->tid, i);
	ops->enqueue(&threads[0]);
	for (i = 5; i < 10; i++)
		ck_assert_int_eq(ops->pick()->tid, i);
	ck_assert_int_eq(ops->pick()->tid, 0);
	ck_assert_ptr_null(ops->pick());
}
END_TEST

START_TEST(uksched_timerq_pops_in_deadline_order)
{
	struct uk_timerq q = { 0 };
	uint64_t last = 0;
	int i;

	srand(7);
	for (i = 0; i < NTHREADS; i++) {
		threads[i].wake_ns = 1 + rand() % 1000;
		ck_assert_int_eq(uk_timerq_insert(&q, &threads[i]), 0);
		ck_assert_int_eq(uk_timerq_check(&q), 0);
	}
	for (i = 0; i < NTHREADS; i++) {
		struct uk_thread *t = uk_timerq_first(&q);

		ck_assert_ptr_nonnull(t);
		ck_assert_uint_ge(t->wake_ns, last);
		last = t->wake_ns;
		uk_timerq_remove(&q, t);
		ck_assert_int_eq(t->heap_idx, -1);
		ck_assert_int_eq(uk_timerq_check(&q), 0);
	}
	ck_assert_ptr_null(uk_timerq_first(&q));
}
END_TEST

START_TEST(uksched_timerq_remove_from_middle_consistent)
{
	struct uk_timerq q = { 0 };
	int i, left = NTHREADS;

	srand(11);
	for (i = 0; i < NTHREADS; i++) {
		threads[i].wake_ns = rand() % 100;
		uk_timerq_insert(&q, &threads[i]);
	}
	for (i = 0; i < NTHREADS; i += 3) {
		uk_timerq_remove(&q, &threads[i]);
		left--;
		ck_assert_int_eq(uk_timerq_check(&q), 0);
	}
	uk_timerq_remove(&q, &threads[0]);	/* not queued: no effect */
	ck_assert_int_eq(q.len, left);
	ck_assert_int_eq(uk_timerq_check(&q), 0);
}
END_TEST

START_TEST(uksched_timerq_check_detects_broken_order)
{
	struct uk_timerq q = { 0 };
	int i;

	for (i = 0; i < 8; i++) {
		threads[i].wake_ns = i;
		uk_timerq_insert(&q, &threads[i]);
	}
	threads[0].wake_ns = 100;	/* changed behind the heap's back */
	ck_assert_int_eq(uk_timerq_check(&q), -22);
	ck_assert_ptr_nonnull(strstr(hosted_console_take(), "order"));
}
END_TEST

static Suite *uksched_suite(void)
{
	Suite *s = suite_create("uksched");
	TCase *tc = tcase_create("coop");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, uksched_coop_fifo_order);
	suite_add_tcase(s, tc);
	tc = tcase_create("timerq");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, uksched_timerq_pops_in_deadline_order);
	tcase_add_test(tc, uksched_timerq_remove_from_middle_consistent);
	tcase_add_test(tc, uksched_timerq_check_detects_broken_order);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(uksched_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
