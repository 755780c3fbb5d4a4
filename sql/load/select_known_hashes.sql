-- Which of a batch's content hashes (registered as candidate_hashes) are stored already.
select a.content_hash
from articles as a
join candidate_hashes as c using (content_hash)
