/*
 * The floor of a paced two-thread hand-off on this machine, with nothing of moneyflow's: one thread offers records
 * at a fixed rate (each stamped with the time it was due), the other takes them from a ring as soon as they are
 * published and records due -> taken. Both spin, as moneyflow's feed and stage do in a paced bench run. What this
 * measures beyond a few microseconds is the machine's own (the hypervisor or the kernel taking a core away), which
 * bounds any engine's tail here. docs/BENCHMARKS.md, "ninth pass".
 *
 *   gcc -O2 -pthread -o handoff bench/floor/handoff.c && ./handoff 100000 1000000 200000
 *   (rate per second, records, records left out first)
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <stdatomic.h>
#define N 65536
static long ring[N]; static _Atomic long pub=-1; static _Atomic long taken=-1; static long total, skip; static double rate;
static long *lat;
static inline long now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1000000000L+t.tv_nsec;}
void* prod(void*a){ long start=now()+1000000; long iv=(long)(1e9/rate);
  for(long i=0;i<total;i++){ long due=start+i*iv; while(now()<due); while(i-atomic_load_explicit(&taken,memory_order_acquire)>N-1){} ring[i%N]=due; atomic_store_explicit(&pub,i,memory_order_release);} return 0;}
int cmp(const void*a,const void*b){long x=*(long*)a,y=*(long*)b;return x<y?-1:x>y;}
void* cons(void*a){ long next=0;
  while(next<total){ long p=atomic_load_explicit(&pub,memory_order_acquire); while(next<=p){ long d=ring[next%N]; lat[next]=now()-d; next++; } atomic_store_explicit(&taken,next-1,memory_order_release); }
  return 0;}
int main(int c,char**v){ rate=atof(v[1]); total=atol(v[2]); skip=atol(v[3]); lat=malloc(total*8);
  pthread_t a,b; pthread_create(&b,0,cons,0); pthread_create(&a,0,prod,0); pthread_join(a,0); pthread_join(b,0);
  long m=total-skip; qsort(lat+skip,m,8,cmp); long*l=lat+skip;
  printf("ideal 2-thread handoff at %.0f/s, %ld records: p50 %.1f us p99 %.1f us p99.9 %.1f us max %.1f us\n",rate,m,l[m/2]/1e3,l[(long)(m*0.99)]/1e3,l[(long)(m*0.999)]/1e3,l[m-1]/1e3);}
